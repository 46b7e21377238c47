//! Picking the winner and the runner-up of one axis.

/// Indexes of the best and second-best candidates that are not excluded, from
/// `(total, excluded)` pairs in the questionnaire's order. Ties go to the
/// candidate listed first (the simpler one).
pub(crate) fn rank(scores: impl Iterator<Item = (i32, bool)>) -> (Option<usize>, Option<usize>) {
    let mut best: Option<(usize, i32)> = None;
    let mut second: Option<(usize, i32)> = None;
    for (i, (total, excluded)) in scores.enumerate() {
        if excluded {
            continue;
        }
        match best {
            Some((_, b)) if total <= b => {
                if second.is_none_or(|(_, s)| total > s) {
                    second = Some((i, total));
                }
            }
            _ => {
                second = best;
                best = Some((i, total));
            }
        }
    }
    (best.map(|b| b.0), second.map(|s| s.0))
}

#[cfg(test)]
mod tests {
    use super::rank;

    #[test]
    fn ties_go_to_the_first_and_excluded_never_win() {
        assert_eq!(rank([(3, false), (3, false), (1, false)].into_iter()), (Some(0), Some(1)));
        assert_eq!(rank([(9, true), (2, false), (4, false)].into_iter()), (Some(2), Some(1)));
        assert_eq!(rank([(9, true)].into_iter()), (None, None));
    }
}
