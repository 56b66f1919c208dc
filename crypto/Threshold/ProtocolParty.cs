namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// The lifecycle every threshold protocol party shares (<see cref="DkgParty"/>, <see cref="SignParty"/>):
    /// each round is entered only from the state the previous one left; any failure aborts the run,
    /// wipes every secret the party holds and records why and whom it blames; an aborted party stays
    /// aborted, and every later call throws <see cref="ThresholdError.InvalidState"/>.
    /// </summary>
    public abstract class ProtocolParty
    {
        /// <summary>Current state.</summary>
        public PartyState State { get; protected set; }

        /// <summary>Why the party aborted (valid in <see cref="PartyState.Aborted"/>).</summary>
        public ThresholdError AbortReason { get; private set; }

        /// <summary>Index of the party blamed for the abort, 0 if local.</summary>
        public int AbortCulprit { get; private set; }

        /// <summary>
        /// Ends an unfinished run from outside (the session carrying it ended): wipes every secret
        /// and leaves the party <see cref="PartyState.Aborted"/>. No effect once done or aborted.
        /// </summary>
        public void Cancel()
        {
            if (State != PartyState.Aborted && State != PartyState.Done)
            {
                Abort(new ThresholdException(ThresholdError.InvalidState, 0));
            }
        }

        /// <summary>Checks that the party is in <paramref name="expected"/>; otherwise aborts (unless it already has) and throws.</summary>
        protected void Enter(PartyState expected)
        {
            if (State != expected)
            {
                if (State != PartyState.Aborted)
                {
                    Abort(new ThresholdException(ThresholdError.InvalidState, 0));
                }

                throw new ThresholdException(ThresholdError.InvalidState, 0);
            }
        }

        /// <summary>Aborts the run with <paramref name="e"/>'s reason and culprit, wipes every secret, and returns <paramref name="e"/> to be thrown.</summary>
        protected ThresholdException Abort(ThresholdException e)
        {
            State = PartyState.Aborted;
            AbortReason = e.Reason;
            AbortCulprit = e.Culprit;
            WipeSecrets();
            return e;
        }

        /// <summary>Wipes every secret the party holds; the party is unusable afterwards.</summary>
        protected abstract void WipeSecrets();
    }
}
