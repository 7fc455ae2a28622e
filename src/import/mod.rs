//! Importers that bring outside data into the current database: pyvideo event folders into the
//! catalogue tables, CSV files into any table. Each runs in one transaction, so an import either
//! happens completely or not at all.

pub mod csv;
pub mod names;
mod progress;
pub mod pyvideo;
