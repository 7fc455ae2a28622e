//! psql's `\if`, `\elif`, `\else` and `\endif`: a stack of branches per input source (each `\i`
//! file has its own, as in psql). While a branch is inactive, every line is skipped unread except
//! the conditional commands themselves; an `\if` inside an inactive branch is not evaluated.

use anyhow::{Result, bail};

use crate::engine::command::Cond;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// This branch runs.
    Active,
    /// No branch has run yet; this one does not (an `\elif` or `\else` may).
    Waiting,
    /// A branch already ran: the rest are skipped.
    Done,
    /// The whole block sits inside an inactive branch: nothing in it runs.
    Ignored,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    state: State,
    seen_else: bool,
}

/// The open `\if` blocks of one input source.
#[derive(Debug, Default)]
pub(crate) struct Conditionals {
    stack: Vec<Block>,
}

impl Conditionals {
    /// Whether lines run now (no block open, or the innermost branch is active).
    pub(crate) fn active(&self) -> bool {
        self.stack.last().is_none_or(|b| b.state == State::Active)
    }

    /// How many blocks are open (for the error at the end of a file).
    pub(crate) fn open(&self) -> usize {
        self.stack.len()
    }

    /// Whether `name`'s arguments must be read to carry it out now: an `\if` in an inactive
    /// branch and an `\elif` after a branch ran are never evaluated.
    pub(crate) fn evaluates(&self, name: &str) -> bool {
        match name {
            "\\if" => self.active(),
            "\\elif" => self.stack.last().is_some_and(|b| b.state == State::Waiting),
            _ => true,
        }
    }

    /// An `\if` inside an inactive branch: opens a block that nothing in runs.
    pub(crate) fn push_ignored(&mut self) {
        self.stack.push(Block { state: State::Ignored, seen_else: false });
    }

    /// Carries out one conditional command; `Err` for one out of place (nothing changes then) or
    /// an expression that is not a boolean (its branch is then false, as in psql).
    pub(crate) fn apply(&mut self, cond: &Cond) -> Result<()> {
        let (value, unreadable) = match cond {
            Cond::If(v) | Cond::Elif(v) => (*v.as_ref().unwrap_or(&false), v.as_ref().err()),
            _ => (false, None),
        };
        self.carry_out(cond, value)?;
        match unreadable {
            Some(why) => bail!("{why}"),
            None => Ok(()),
        }
    }

    fn carry_out(&mut self, cond: &Cond, value: bool) -> Result<()> {
        if let Cond::If(_) = cond {
            let state = match (self.active(), value) {
                (false, _) => State::Ignored,
                (true, true) => State::Active,
                (true, false) => State::Waiting,
            };
            self.stack.push(Block { state, seen_else: false });
            return Ok(());
        }
        let Some(block) = self.stack.last_mut() else {
            let name = match cond {
                Cond::Elif(_) => "\\elif",
                Cond::Else => "\\else",
                _ => "\\endif",
            };
            bail!("{name} without a matching \\if");
        };
        match cond {
            Cond::If(_) => {}
            Cond::Elif(_) | Cond::Else if block.seen_else => {
                let name = if *cond == Cond::Else { "\\else" } else { "\\elif" };
                bail!("{name} after \\else: the \\if block already has its last branch");
            }
            Cond::Elif(_) => {
                block.state = match block.state {
                    State::Waiting if value => State::Active,
                    State::Waiting => State::Waiting,
                    State::Active | State::Done => State::Done,
                    State::Ignored => State::Ignored,
                };
            }
            Cond::Else => {
                block.seen_else = true;
                block.state = match block.state {
                    State::Waiting => State::Active,
                    State::Active | State::Done => State::Done,
                    State::Ignored => State::Ignored,
                };
            }
            Cond::Endif => {
                self.stack.pop();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::input::conditional::*;

    fn run(steps: &[Cond]) -> (Vec<bool>, Conditionals) {
        let mut c = Conditionals::default();
        let mut seen = Vec::new();
        for s in steps {
            c.apply(s).expect("in place");
            seen.push(c.active());
        }
        (seen, c)
    }

    #[test]
    fn exactly_one_branch_runs() {
        use Cond::{Else, Endif};
        #[allow(non_snake_case)]
        let If = |v: bool| Cond::If(Ok(v));
        #[allow(non_snake_case)]
        let Elif = |v: bool| Cond::Elif(Ok(v));
        assert_eq!(run(&[If(true), Elif(true), Else, Endif]).0, [true, false, false, true]);
        assert_eq!(run(&[If(false), Elif(true), Else, Endif]).0, [false, true, false, true]);
        assert_eq!(run(&[If(false), Elif(false), Else, Endif]).0, [false, false, true, true]);
        // Inside an inactive branch nothing runs, whatever the inner values.
        assert_eq!(run(&[If(false), If(true), Else, Endif, Endif]).0, [false, false, false, false, true]);
    }

    #[test]
    fn out_of_place_commands_are_errors_and_change_nothing() {
        let mut c = Conditionals::default();
        assert!(c.apply(&Cond::Endif).unwrap_err().to_string().contains("\\endif without a matching \\if"));
        assert!(c.apply(&Cond::Else).is_err() && c.apply(&Cond::Elif(Ok(true))).is_err());
        c.apply(&Cond::If(Ok(false))).expect("if");
        c.apply(&Cond::Else).expect("else");
        assert!(c.apply(&Cond::Elif(Ok(true))).unwrap_err().to_string().contains("\\elif after \\else"));
        assert!(c.apply(&Cond::Else).is_err());
        assert!(c.active() && c.open() == 1);
        // An unreadable value is an error, and its branch is false.
        let mut c = Conditionals::default();
        assert!(c.apply(&Cond::If(Err("not a boolean".into()))).is_err());
        assert!(!c.active() && c.open() == 1);
    }

    #[test]
    fn sixteen_deep_nests() {
        let mut steps = vec![Cond::If(Ok(true)); 16];
        steps.extend(vec![Cond::Endif; 16]);
        let (seen, c) = run(&steps);
        assert!(seen.iter().all(|a| *a) && c.open() == 0);
    }
}
