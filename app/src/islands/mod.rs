//! The interactive parts of the interface: the only code compiled to wasm.
//! Each works on top of server-rendered HTML that is usable without JavaScript.

mod actions;
mod live;
mod theme;
mod wizard;
mod wizard_review;

pub use actions::{CopyLink, PrintButton};
pub use live::LiveRefresh;
pub use theme::ThemeToggle;
pub use wizard::Wizard;
