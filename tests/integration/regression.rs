//! One test per bug found, named after what went wrong.
