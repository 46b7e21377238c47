//! The plan search, on numbers: which set of platforms the workloads run on.
//!
//! For every non-empty set S of execution candidates, each workload takes its
//! best candidate in S that is not ruled out for it (ties: the one listed
//! first); the plan's value is the sum of those scores minus the mixing price
//! for every platform beyond the first. A set that leaves some workload with
//! only ruled-out candidates is not a plan. The best value wins; ties go to
//! fewer platforms, then to the content's order. Exact, and cheap: at most
//! 2^12 sets of at most 8 workloads. The explained engine and the fast
//! re-scoring for tipping points both call this one function.

/// One plan: a set of platforms and the platform each workload runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// Bit `i` stands for the `i`-th execution candidate in content order.
    pub(crate) set: u64,
    /// Per workload, the index of its platform among the execution candidates.
    pub(crate) assignment: Vec<usize>,
    /// The workloads' scores on their platforms, added up.
    pub(crate) points: i32,
    /// `points` minus the mixing price for every platform beyond the first.
    pub(crate) value: i32,
}

impl Found {
    pub(crate) fn platforms(&self) -> u32 {
        self.set.count_ones()
    }
}

/// `totals[w][c]`: workload `w`'s score for execution candidate `c`;
/// `excluded[w]`: bitmask of the candidates ruled out for workload `w`.
/// Returns the best plan, and the best plan on a single platform.
pub(crate) fn search(totals: &[Vec<i32>], excluded: &[u64], price: i32) -> (Option<Found>, Option<Found>) {
    let candidates = totals.first().map_or(0, Vec::len);
    let mut best: Option<Found> = None;
    let mut single: Option<Found> = None;
    let mut assignment = Vec::with_capacity(totals.len());
    for set in 1u64..(1u64 << candidates) {
        assignment.clear();
        let mut points = 0;
        let feasible = totals.iter().zip(excluded).all(|(row, &ruled_out)| {
            let allowed = set & !ruled_out;
            let pick = (0..candidates).filter(|c| allowed & (1 << c) != 0).fold(None, |best: Option<usize>, c| match best {
                Some(b) if row[b] >= row[c] => Some(b),
                _ => Some(c),
            });
            pick.inspect(|&c| {
                assignment.push(c);
                points += row[c];
            })
            .is_some()
        });
        if !feasible {
            continue;
        }
        let value = points - price * (set.count_ones() as i32 - 1);
        let found = Found { set, assignment: assignment.clone(), points, value };
        if set.count_ones() == 1 && better(&found, single.as_ref()) {
            single = Some(found.clone());
        }
        if better(&found, best.as_ref()) {
            best = Some(found);
        }
    }
    (best, single)
}

/// More points; on a tie, fewer platforms; then the set whose first differing
/// candidate comes earlier in the content.
fn better(new: &Found, old: Option<&Found>) -> bool {
    let Some(old) = old else { return true };
    if new.value != old.value {
        return new.value > old.value;
    }
    if new.platforms() != old.platforms() {
        return new.platforms() < old.platforms();
    }
    let first_difference = (new.set ^ old.set).trailing_zeros();
    new.set & (1 << first_difference) != 0
}

#[cfg(test)]
mod tests {
    use super::search;

    #[test]
    fn a_second_platform_must_gain_more_than_its_price() {
        // Two workloads, two platforms: each prefers a different one by 4.
        let totals = vec![vec![10, 6], vec![2, 6]];
        let (best, single) = search(&totals, &[0, 0], 3);
        assert_eq!(best.as_ref().unwrap().assignment, [0, 1], "gain 4 > price 3: mix");
        assert_eq!(best.unwrap().value, 16 - 3);
        assert_eq!(single.unwrap().value, 12);
        let (best, _) = search(&totals, &[0, 0], 4);
        assert_eq!(best.unwrap().set, 0b01, "gain 4 = price 4: the tie goes to one platform, the first listed");
    }

    #[test]
    fn ruled_out_candidates_are_never_assigned_and_can_leave_no_plan() {
        let totals = vec![vec![9, 1], vec![9, 1]];
        let (best, single) = search(&totals, &[0b01, 0], 0);
        assert_eq!(best.unwrap().assignment, [1, 1]);
        assert_eq!(single.unwrap().set, 0b10);
        let (best, single) = search(&totals, &[0b01, 0b10], 5);
        assert_eq!(best.unwrap().assignment, [1, 0], "only a mixed plan is possible");
        assert!(single.is_none());
        assert_eq!(search(&totals, &[0b11, 0], 0), (None, None));
    }
}
