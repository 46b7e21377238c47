//! One module per page type.

pub mod guide;
pub mod home;
pub mod not_found;
