//! One module per page type.

pub mod guide;
pub mod home;
pub mod not_found;
pub mod result;
pub mod team;
pub mod wizard;
