//! The interactive parts of the interface: the only code compiled to wasm.
//! Each works on top of server-rendered HTML that is usable without JavaScript.

mod live;
mod wizard;

pub use live::LiveRefresh;
pub use wizard::Wizard;
