/// The synchronous steps of `checkOut`, kept out of its async frame (`@inline(never)`): a waiting check-out
/// holds its frame for the whole wait, and inlined these steps made every temporary of the machine's
/// check-out, pre-ping and action code a slot of that frame.
extension ConnectionPool {
    @inline(never)
    func requestCheckOut(holder: String, activity: String?) -> Machine.CheckOutDecision {
        withMachine { machine, now in machine.checkOut(holder: holder, activity: activity, now: now) }
    }

    @inline(never)
    func prePingSucceeded(_ assignment: PoolAssignment<any PoolableConnection>, activity: String?) {
        state.withLock {
            let now = clock.now - origin
            $0.machine.prePingSucceeded(slot: assignment.slot, checkout: assignment.checkout, now: now)
            if let activity {
                $0.machine.reportActivity(slot: assignment.slot, checkout: assignment.checkout, query: activity, now: now)
            }
        }
    }

    /// The failed ping's connection is closed; the check-out gets another connection or queues again.
    @inline(never)
    func prePingFailed(
        _ assignment: PoolAssignment<any PoolableConnection>, holder: String, activity: String?
    ) -> Machine.CheckOutDecision {
        let lost = assignment.connection.isUsable ? nil : assignment.connection.lossDescription ?? "connection lost"
        return withMachine { machine, now in
            machine.prePingFailed(
                slot: assignment.slot, checkout: assignment.checkout, holder: holder, activity: activity,
                requestedAt: assignment.requestedAt, lost: lost, now: now)
        }
    }
}
