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

/// `totals`: per workload, its score for each of the `candidates` execution
/// candidates, row after row; `excluded[w]`: bitmask of the candidates ruled
/// out for workload `w`. Returns the best plan, and the best single-platform plan.
pub(crate) fn search(totals: &[i32], candidates: usize, excluded: &[u64], price: i32) -> (Option<Found>, Option<Found>) {
    let totals: Vec<&[i32]> = totals.chunks(candidates.max(1)).collect();
    // Sets are compared by (value, set) alone; assignments are built for the two winners only.
    let mut best: Option<(i32, i32, u64)> = None;
    let mut single: Option<(i32, i32, u64)> = None;
    for set in 1u64..(1u64 << candidates) {
        let Some(points) = totals.iter().zip(excluded).try_fold(0, |sum, (row, &ruled_out)| Some(sum + row[pick(row, set & !ruled_out)?]))
        else {
            continue;
        };
        let value = points - price * (set.count_ones() as i32 - 1);
        if set.count_ones() == 1 && better((value, set), single.map(|s| (s.0, s.2))) {
            single = Some((value, points, set));
        }
        if better((value, set), best.map(|b| (b.0, b.2))) {
            best = Some((value, points, set));
        }
    }
    let found = |(value, points, set): (i32, i32, u64)| Found {
        set,
        assignment: totals.iter().zip(excluded).map(|(row, &ruled_out)| pick(row, set & !ruled_out).unwrap_or(0)).collect(),
        points,
        value,
    };
    (best.map(found), single.map(found))
}

/// The best candidate among `allowed` (ties: the one listed first).
fn pick(row: &[i32], allowed: u64) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut bits = allowed;
    while bits != 0 {
        let c = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if c < row.len() && best.is_none_or(|b| row[c] > row[b]) {
            best = Some(c);
        }
    }
    best
}

/// More points; on a tie, fewer platforms; then the set whose first differing
/// candidate comes earlier in the content.
fn better((value, set): (i32, u64), old: Option<(i32, u64)>) -> bool {
    let Some((old_value, old_set)) = old else { return true };
    if value != old_value {
        return value > old_value;
    }
    if set.count_ones() != old_set.count_ones() {
        return set.count_ones() < old_set.count_ones();
    }
    let first_difference = (set ^ old_set).trailing_zeros();
    set & (1 << first_difference) != 0
}

#[cfg(test)]
mod tests {
    use super::search;

    #[test]
    fn a_second_platform_must_gain_more_than_its_price() {
        // Two workloads, two platforms: each prefers a different one by 4.
        let totals = [10, 6, 2, 6];
        let (best, single) = search(&totals, 2, &[0, 0], 3);
        assert_eq!(best.as_ref().unwrap().assignment, [0, 1], "gain 4 > price 3: mix");
        assert_eq!(best.unwrap().value, 16 - 3);
        assert_eq!(single.unwrap().value, 12);
        let (best, _) = search(&totals, 2, &[0, 0], 4);
        assert_eq!(best.unwrap().set, 0b01, "gain 4 = price 4: the tie goes to one platform, the first listed");
    }

    #[test]
    fn ruled_out_candidates_are_never_assigned_and_can_leave_no_plan() {
        let totals = [9, 1, 9, 1];
        let (best, single) = search(&totals, 2, &[0b01, 0], 0);
        assert_eq!(best.unwrap().assignment, [1, 0], "the first workload cannot have the first platform");
        assert_eq!(single.unwrap().set, 0b10);
        let (best, _) = search(&totals, 2, &[0b01, 0], 9);
        assert_eq!(best.unwrap().assignment, [1, 1], "a gain of 8 does not pay a price of 9");
        let (best, single) = search(&totals, 2, &[0b01, 0b10], 5);
        assert_eq!(best.unwrap().assignment, [1, 0], "only a mixed plan is possible");
        assert!(single.is_none());
        assert_eq!(search(&totals, 2, &[0b11, 0], 0), (None, None));
    }
}
