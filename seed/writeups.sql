-- talkcli seed: attendee write-ups about PyCon US 2014, 2016 and 2017, the talks they name, and the
-- libraries, tools and sprint projects they mention.
--
-- HAND-MAINTAINED: this file is the source of truth (no generator). Sources: the five seed posts (file
-- names in writeups.source), read for facts only. No prose of the posts is copied: every takeaway and
-- note below is our own wording. The comment above each mention gives the talk's name as the post
-- writes it (a title only).
--
-- Load after schema.sql and catalogue.sql. Mentions find their talk by (event slug, talk slug); a slug
-- that does not exist yields a NULL talk_id and the load fails (talk_id is NOT NULL), on purpose.
-- Projects: ids by name; url only for well-known project homepages or a URL the post itself gives, else
-- NULL. Standard-library modules the posts name (inspect, pdb, subprocess, ...) are not listed.
-- No talks rows with in_catalogue = 0 were needed: every talk the posts name is in the pyvideo catalogue.

-- projects -------------------------------------------------------------------------------------
INSERT INTO projects (id, name, url) VALUES (1, 'ActiveMQ', 'https://activemq.apache.org/');
INSERT INTO projects (id, name, url) VALUES (2, 'Ansible', 'https://www.ansible.com/');
INSERT INTO projects (id, name, url) VALUES (3, 'Apache Allura', 'https://allura.apache.org/');
INSERT INTO projects (id, name, url) VALUES (4, 'BITS', 'https://biosbits.org/');
INSERT INTO projects (id, name, url) VALUES (5, 'Caffe', 'https://github.com/BVLC/caffe');
INSERT INTO projects (id, name, url) VALUES (6, 'Celery', NULL);
INSERT INTO projects (id, name, url) VALUES (7, 'Click', 'https://click.palletsprojects.com/');
INSERT INTO projects (id, name, url) VALUES (8, 'Conda', 'https://docs.conda.io/');
INSERT INTO projects (id, name, url) VALUES (9, 'CPython', 'https://www.python.org/');
INSERT INTO projects (id, name, url) VALUES (10, 'curio', 'https://github.com/dabeaz/curio');
INSERT INTO projects (id, name, url) VALUES (11, 'Django', 'https://www.djangoproject.com/');
INSERT INTO projects (id, name, url) VALUES (12, 'flake8', 'https://flake8.pycqa.org/');
INSERT INTO projects (id, name, url) VALUES (13, 'Flask', 'https://flask.palletsprojects.com/');
INSERT INTO projects (id, name, url) VALUES (14, 'Flask-Admin', NULL);
INSERT INTO projects (id, name, url) VALUES (15, 'Flask-DebugToolbar', NULL);
INSERT INTO projects (id, name, url) VALUES (16, 'Flask-SeaSurf', NULL);
INSERT INTO projects (id, name, url) VALUES (17, 'Flask-WTF', NULL);
INSERT INTO projects (id, name, url) VALUES (18, 'Gearman', NULL);
INSERT INTO projects (id, name, url) VALUES (19, 'Hieroglyph', NULL);
INSERT INTO projects (id, name, url) VALUES (20, 'IPython', 'https://ipython.org/');
INSERT INTO projects (id, name, url) VALUES (21, 'Jupyter', 'https://jupyter.org/');
INSERT INTO projects (id, name, url) VALUES (22, 'Keras', 'https://keras.io/');
INSERT INTO projects (id, name, url) VALUES (23, 'Kivy', 'https://kivy.org/');
INSERT INTO projects (id, name, url) VALUES (24, 'libffi', 'https://sourceware.org/libffi/');
INSERT INTO projects (id, name, url) VALUES (25, 'Magic Wormhole', NULL);
INSERT INTO projects (id, name, url) VALUES (26, 'Matplotlib', 'https://matplotlib.org/');
INSERT INTO projects (id, name, url) VALUES (27, 'Mercurial', 'https://www.mercurial-scm.org/');
INSERT INTO projects (id, name, url) VALUES (28, 'Mesa', NULL);
INSERT INTO projects (id, name, url) VALUES (29, 'MicroPython', 'https://micropython.org/');
INSERT INTO projects (id, name, url) VALUES (30, 'mycli', 'https://www.mycli.net/');
INSERT INTO projects (id, name, url) VALUES (31, 'Mycroft', NULL);
INSERT INTO projects (id, name, url) VALUES (32, 'NumPy', 'https://numpy.org/');
INSERT INTO projects (id, name, url) VALUES (33, 'pandas', 'https://pandas.pydata.org/');
INSERT INTO projects (id, name, url) VALUES (34, 'pep8', NULL);
INSERT INTO projects (id, name, url) VALUES (35, 'pgcli', 'https://www.pgcli.com/');
INSERT INTO projects (id, name, url) VALUES (36, 'phageParser', NULL);
INSERT INTO projects (id, name, url) VALUES (37, 'pip', 'https://pip.pypa.io/');
INSERT INTO projects (id, name, url) VALUES (38, 'prompt_toolkit', NULL);
INSERT INTO projects (id, name, url) VALUES (39, 'pyflakes', NULL);
INSERT INTO projects (id, name, url) VALUES (40, 'Pygments', 'https://pygments.org/');
INSERT INTO projects (id, name, url) VALUES (41, 'Pylint', NULL);
INSERT INTO projects (id, name, url) VALUES (42, 'PyPy', 'https://pypy.org/');
INSERT INTO projects (id, name, url) VALUES (43, 'Pythonbrew', NULL);
INSERT INTO projects (id, name, url) VALUES (44, 'pyvenv', NULL);
INSERT INTO projects (id, name, url) VALUES (45, 'RabbitMQ', 'https://www.rabbitmq.com/');
INSERT INTO projects (id, name, url) VALUES (46, 'requests', 'https://requests.readthedocs.io/');
INSERT INTO projects (id, name, url) VALUES (47, 'SaltStack', NULL);
INSERT INTO projects (id, name, url) VALUES (48, 'scikit-learn', 'https://scikit-learn.org/');
INSERT INTO projects (id, name, url) VALUES (49, 'SciPy', 'https://scipy.org/');
INSERT INTO projects (id, name, url) VALUES (50, 'seaborn', 'https://seaborn.pydata.org/');
INSERT INTO projects (id, name, url) VALUES (51, 'Sphinx', 'https://www.sphinx-doc.org/');
INSERT INTO projects (id, name, url) VALUES (52, 'TensorFlow', 'https://www.tensorflow.org/');
INSERT INTO projects (id, name, url) VALUES (53, 'Theano', NULL);
INSERT INTO projects (id, name, url) VALUES (54, 'trio', 'https://github.com/python-trio/trio');
INSERT INTO projects (id, name, url) VALUES (55, 'Twisted', 'https://twisted.org/');
INSERT INTO projects (id, name, url) VALUES (56, 'virtualenv', 'https://virtualenv.pypa.io/');
INSERT INTO projects (id, name, url) VALUES (57, 'WTForms', NULL);
INSERT INTO projects (id, name, url) VALUES (58, 'ZeroMQ', 'https://zeromq.org/');

-- ===== write-up 1: 000_01d1554a80be3ec6.txt ========================================================
-- Post by Dustin J. Mitchell on the blog 'Code Vigorous', dated 04 Jun 2017; reports on PyCon US 2017.
INSERT INTO writeups (id, title, author, published, site, event_id, source) VALUES (1, 'PyCon US 2017 Wrapup', 'Dustin J. Mitchell', '2017-06-04', 'Code Vigorous', 3, '000_01d1554a80be3ec6.txt');

-- mentions of write-up 1
-- named in the post: Next Level Testing (James Saryerwinnie)
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'james-saryerwinnie-next-level-testing-pycon-2017'),
    'Of the testing techniques covered, property-based testing struck the writer as the most promising.');
-- named in the post: A Gentle Introduction To Deep Learning with Tensorflow (Michelle Fullwood)
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'michelle-fullwood-a-gentle-introduction-to-deep-learning-with-tensorflow-pycon-2017'),
    'Finally made deep learning make sense to the writer, where an earlier math-heavy talk had not.');
-- named in the post: Do It For Science (Katy Huff)
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'katy-huff-keynote-pycon-2017'),
    'A keynote urging support for research software; the writer valued its concrete ways to take part.');
-- named in the post: What Nobody Tells You About Documentation (Daniele Procida)
-- match: catalogue title differs; same speaker, subject and event
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'daniele-procida-how-documentation-works-and-how-to-make-it-work-for-your-project-pycon-2017'),
    'Convinced the writer that docs should be split into separate kinds by purpose rather than kept in one heap.');
-- named in the post: Hacking Cars With Python (Eric Evenchick)
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'eric-evenchick-hacking-cars-with-python-pycon-2017'),
    'Enjoyed as a look at tinkering with the bytes inside everyday devices, though little Python was shown.');
-- named in the post: Hacking Classic Nintendo Games with Python (Sam Agnew)
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (1, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'sam-agnew-hacking-classic-nintendo-games-with-python-pycon-2017'),
    'A fun demo of changing how an old game behaves by editing an emulator''s memory.');

-- projects named in write-up 1
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'Mycroft'), 'sprint', 'first sprint choice; left after setup trouble');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'Mesa'), 'sprint', 'agent-based modelling; RNG seeding and examples');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'phageParser'), 'sprint', 'at the later Mozilla Global Sprint');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'Jupyter'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'pandas'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'NumPy'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (1, (SELECT id FROM projects WHERE name = 'TensorFlow'), 'library', 'in a deep learning talk');

-- ===== write-up 2: 001_9c0ab46a01532a1c.txt ========================================================
-- No author or site named in the post; dated 'Mon 22 May 2017'.
INSERT INTO writeups (id, title, author, published, site, event_id, source) VALUES (2, 'Lessons from Pycon 2017', NULL, '2017-05-22', NULL, 3, '001_9c0ab46a01532a1c.txt');

-- mentions of write-up 2
-- named in the post: Requests Under the Hood
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'cory-benfield-requests-under-the-hood-pycon-2017'),
    'Used requests as a case study in how long-lived code gathers warts; the writer kept its maintenance lessons.');
-- named in the post: Rants & Ruminations from 100 Job Interviews in Silicon Valley
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'susan-tan-rants-and-ruminations-from-a-job-applicant-after-100-cs-job-interviews-in-silicon-valley'),
    'A hiring-culture talk that left the writer critical of how companies treat job candidates.');
-- named in the post: Awesome Command-Line Tools
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'amjith-ramanujam-awesome-command-line-tools-pycon-2017'),
    'Gave the writer user-centred design guidance for interactive shells and libraries to build them with.');
-- named in the post: Satellite Imagery using Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'katherine-scott-python-from-space-analyzing-open-satellite-imagery-using-the-python-ecosystem'),
    'A notebook-driven demo the writer urges people to watch; open satellite data proved more approachable than expected.');
-- named in the post: Algorithmic Music Generation
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'padmaja-v-bhagwat-algorithmic-music-generation-pycon-2017'),
    'A walkthrough of composing music with a Keras recurrent network, which the writer found instructive.');
-- named in the post: Creating a Good Library API
-- match: post gives no speaker; by title and subject, Flavio Juvenal's talk
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'flavio-juvenal-how-to-make-a-good-library-api-pycon-2017'),
    'API design principles the writer, a library author, noted down for polishing their own packages.');
-- named in the post: Running python in the Linux Kernel with bpf
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'alex-gartrell-executing-python-functions-in-the-linux-kernel-by-transpiling-to-bpf-pycon-2017'),
    'An entertaining stunt compiling a slice of Python for the kernel''s bpf machine that impressed the writer.');
-- named in the post: Immutable programming: Writing Functional Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'calen-pennington-immutable-programming-writing-functional-python-pycon-2017'),
    'A survey of ways to write mostly immutable, functional-style Python, summarised in detail by the writer.');
-- named in the post: Grok the GIL
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'a-jesse-jiryu-davis-grok-the-gil-write-fast-and-thread-safe-python-pycon-2017'),
    'A favourite: the writer learned when CPython hands over the GIL and when threads or processes fit better.');
-- named in the post: No Hands! Bikes with Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'tim-head-look-mum-no-hands-from-blinking-leds-to-a-bike-speedometer-with-micropython-pycon-2017'),
    'Recommended for microcontroller fans: a MicroPython bike speedometer built from start to finish.');
-- named in the post: Hacking Cars with Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'eric-evenchick-hacking-cars-with-python-pycon-2017'),
    'Explained how the parts of a car talk to each other and how Python can join in.');
-- named in the post: Hacking Nintendo Games in Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'sam-agnew-hacking-classic-nintendo-games-with-python-pycon-2017'),
    'Great fun for the writer: the audience meddled with a live Zelda game by sending text messages.');
-- named in the post: Debugging in 3.6: Harder, Better, Faster, Stronger
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'elizaveta-shashkova-debugging-in-python-3-6-better-faster-stronger-pycon-2017'),
    'Impressed the writer with a debugger built on the frame evaluation hook new in Python 3.6.');
-- named in the post: Keynote on Instagram's python3 migration
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (2, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'lisa-guo-hui-ding-keynote-pycon-2017'),
    'How Instagram moved to Python 3 step by step; the writer arrived late and has partial notes.');

-- projects named in write-up 2
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'requests'), 'library', 'case study for maintenance');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'pgcli'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'mycli'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'prompt_toolkit'), 'library', 'named as python-prompt-toolkit');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'Pygments'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'Click'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'Keras'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'MicroPython'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (2, (SELECT id FROM projects WHERE name = 'Jupyter'), 'tool', NULL);

-- ===== write-up 3: 002_fd15d0316fc02977.txt ========================================================
-- No author or site named. The post is dated 'Tue 11 March 2014', i.e. BEFORE PyCon US 2014 (April 2014)
-- that it reports on; kept as stated (probably the blog's draft date).
INSERT INTO writeups (id, title, author, published, site, event_id, source) VALUES (3, 'PyCon 2014', NULL, '2014-03-11', NULL, 1, '002_fd15d0316fc02977.txt');

-- mentions of write-up 3
-- named in the post: the opening statement
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'opening-statements-pycon-2014-20140411'),
    'Where the writer got the share of women among the speakers, a figure that impressed them.');
-- named in the post: Developing Flask Extensions
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'developing-flask-extensions'),
    'Showed the writer how Flask extensions plug into the app object and got them trying several.');
-- named in the post: keynote given by Jessica McKellar
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'keynote-jessica-mckellar'),
    'The writer noted its case that Python could help fix weak programming education in US schools.');
-- named in the post: The Sorry State of SSL
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'the-sorry-state-of-ssl'),
    'Recommended for the TLS-curious; it left the writer uneasy about the state of SSL libraries.');
-- named in the post: Quick Wins for Better Website Security
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'quick-wins-for-better-website-security-0'),
    'Mostly known ground for the writer, yet suggested as a starting point in web security.');
-- named in the post: Building and breaking a Python sandbox
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'building-and-breaking-a-python-sandbox'),
    'A favourite: it showed how hard a safe sandbox is and taught Python internals along the way.');
-- named in the post: Shiny, Let's Be Bad Guys: Exploiting and Mitigating the Top 10
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'shiny-lets-be-bad-guys-exploiting-and-mitigati-2'),
    'A long hands-on tutorial the writer recommends for practice at attacking and defending web apps.');
-- named in the post: Augie Fackler, Nathaniel Manista / Deliver Your Software In An Envelope
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'deliver-your-software-in-an-envelope'),
    'Listed among talks the writer liked but did not write up.');
-- named in the post: Alex Gaynor / Fast Python, Slow Python
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'fast-python-slow-python'),
    'Listed among talks the writer liked but did not write up.');
-- named in the post: Allison Kaptur / Import-ant Decisions
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (3, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2014' AND t.slug = 'import-ant-decisions'),
    'Listed among talks the writer liked but did not write up.');

-- projects named in write-up 3
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'CPython'), 'sprint', 'the writer sprinted here');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'PyPy'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'IPython'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Apache Allura'), 'sprint', 'spelled ''Apache Allure'' in the post');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Twisted'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'SaltStack'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Mercurial'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Django'), 'sprint', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'virtualenv'), 'tool', 'written ''virtual_env''');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Pythonbrew'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'pyvenv'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'pip'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'IPython'), 'tool', 'notebooks');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Sphinx'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Hieroglyph'), 'tool', 'slides from Sphinx');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Twisted'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'RabbitMQ'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Gearman'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'ZeroMQ'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Celery'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'ActiveMQ'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'scikit-learn'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'pandas'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'NumPy'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'SciPy'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Matplotlib'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'seaborn'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Conda'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Flask'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Flask-DebugToolbar'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Flask-WTF'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'WTForms'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Flask-SeaSurf'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Flask-Admin'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'Pylint'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'flake8'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'pep8'), 'tool', 'part of flake8');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (3, (SELECT id FROM projects WHERE name = 'pyflakes'), 'tool', 'part of flake8');

-- ===== write-up 4: 003_9566d89e0219b587.txt ========================================================
-- Front matter without date or author; the author is not named in the text.
INSERT INTO writeups (id, title, author, published, site, event_id, source) VALUES (4, 'PyCon 2016: There and Back Again', NULL, NULL, NULL, 2, '003_9566d89e0219b587.txt');

-- mentions of write-up 4
-- named in the post: Machete-mode debugging - Ned Batchelder
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'ned-batchelder-machete-mode-debugging-hacking-your-way-out-of-a-tight-spot-pycon-2016'),
    'Gave the writer tricks for throwaway debugging code, notably trace functions and the inspect module.');
-- named in the post: Networking without an OS - Josh Triplett
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'josh-triplett-networking-without-an-os-pycon-2016'),
    'Mostly over the writer''s head, but it showed Python running on firmware with no operating system.');
-- named in the post: Small Batch Artisanal Bots: Let's Make Friends - Elizabeth Uselton
-- match: the post links a different (partial) video URL than the catalogue
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'elizabeth-uselton-small-batch-artisanal-bots-lets-make-friends-pycon-2016mp4'),
    'The writer liked tiny Twitter-bot projects as a playful way to practise basic skills.');
-- named in the post: A Beginner's Guide to Deep Learning - Irene Chen
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'irene-chen-a-beginners-guide-to-deep-learning-pycon-2016'),
    'The most approachable deep learning intro the writer had met, though they wanted more of the maths.');
-- named in the post: Move Things From One Computer to Another, Safely - Brian Warner
-- match: catalogue title differs; same speaker and subject, slides file MagicWormhole-PyCon2016.pdf; the post links another video URL
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'brian-warner-magic-wormhole-simple-secure-file-transfer-pycon-2016mp4'),
    'The writer''s favourite; it sparked a follow-up post on using Magic Wormhole for multisig Bitcoin.');
-- named in the post: Revitalizing Python Game Development: Packaging, Performance, and Platforms - Jacob Kovac
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (4, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2016' AND t.slug = 'jacob-kovac-revitalizing-python-game-development-packaging-performance-and-platformsmp4'),
    'Brought the writer back to Kivy, and its new Python 3 support delighted them.');

-- projects named in write-up 4
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'Ansible'), 'tool', 'the writer''s employer''s product');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'BITS'), 'tool', 'BIOS Implementation Test Suite');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'libffi'), 'tool', 'C library behind ctypes');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'MicroPython'), 'tool', 'run on a WiPy board');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'scikit-learn'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'Caffe'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'Theano'), 'library', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'Magic Wormhole'), 'tool', NULL);
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (4, (SELECT id FROM projects WHERE name = 'Kivy'), 'library', 'used for a Mafia helper app');

-- ===== write-up 5: 004_c6f24136e387e1b8.txt ========================================================
-- Front matter without date or author; the author is not named in the text.
INSERT INTO writeups (id, title, author, published, site, event_id, source) VALUES (5, 'Notes from Pycon 2017', NULL, NULL, NULL, 3, '004_c6f24136e387e1b8.txt');

-- mentions of write-up 5
-- named in the post: Grok the GIL: Write Fast And Thread-Safe Python - A. Jesse Jiryu Davis
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'a-jesse-jiryu-davis-grok-the-gil-write-fast-and-thread-safe-python-pycon-2017'),
    'Clarified why only one thread runs Python code at a time; the writer recommends it and built a demo of the bugs.');
-- named in the post: The Dictionary Even Mightier - Brandon Rhodes
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'brandon-rhodes-the-dictionary-even-mightier-pycon-2017'),
    'Best parts for the writer: the hash collision demo and the private dict version added in 3.6.');
-- named in the post: Requests Under The Hood - Cory Benfield
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'cory-benfield-requests-under-the-hood-pycon-2017'),
    'A humbling reminder to the writer that even admired projects carry warts users come to rely on.');
-- named in the post: async/await and asyncio in Python 3.6 and beyond - Yuri Selivanov
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'yury-selivanov-asyncawait-and-asyncio-in-python-3-6-and-beyond-pycon-2017'),
    'Largely over the writer''s head, but it framed asyncio as the base for upcoming async libraries.');
-- named in the post: Bonus: Modern Python Dictionaries A confluence of a Dozen Great Ideas - Raymond Hettinger
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'raymond-hettinger-modern-python-dictionaries-a-confluence-of-a-dozen-great-ideas-pycon-2017'),
    'Not attended; the writer vouches for it from an earlier version on why Python 3 dicts are compact.');
-- named in the post: Miguel Grinberg's presentation (a link to its video)
-- match: the linked video URL is this catalogue talk's video_url
INSERT INTO mentions (writeup_id, talk_id, takeaway) VALUES (5, (SELECT t.id FROM talks t JOIN events e ON e.id = t.event_id WHERE e.slug = 'pycon-us-2017' AND t.slug = 'miguel-grinberg-asynchronous-python-for-the-complete-beginner-pycon-2017'),
    'Pointed to by the writer as a gentler way into async Python.');

-- projects named in write-up 5
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (5, (SELECT id FROM projects WHERE name = 'curio'), 'library', 'async library');
INSERT INTO writeup_projects (writeup_id, project_id, role, note) VALUES (5, (SELECT id FROM projects WHERE name = 'trio'), 'library', 'async library');
