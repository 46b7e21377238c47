//! One module per page type.

pub mod home;
pub mod not_found;
