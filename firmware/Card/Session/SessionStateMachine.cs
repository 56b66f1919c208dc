namespace CardFirmware.Card.Session
{
    /// <summary>
    /// The allowed moves between <see cref="SessionState"/>s. Every session ends in
    /// <see cref="SessionState.Wiping"/>, whatever ended it (disconnect, idle timeout, error), so
    /// that no path back to <see cref="SessionState.Advertising"/> can skip the wipe.
    /// </summary>
    public sealed class SessionStateMachine
    {
        private SessionState _state;
        private long _lastActivity;

        /// <summary>Creates a machine in <see cref="SessionState.Idle"/>.</summary>
        public SessionStateMachine()
        {
            _state = SessionState.Idle;
        }

        /// <summary>The current state.</summary>
        public SessionState State
        {
            get { return _state; }
        }

        /// <summary>Uptime (ms) of the last message or connection event; the idle timeout counts from it.</summary>
        public long LastActivity
        {
            get { return _lastActivity; }
        }

        /// <summary>True if the move from the current state to <paramref name="next"/> is allowed.</summary>
        public bool CanMoveTo(SessionState next)
        {
            switch (_state)
            {
                case SessionState.Idle:
                    return next == SessionState.Advertising;
                case SessionState.Advertising:
                    return next == SessionState.Connected || next == SessionState.Idle;
                case SessionState.Connected:
                    return next == SessionState.Busy || next == SessionState.Wiping;
                case SessionState.Busy:
                    return next == SessionState.Connected || next == SessionState.Wiping;
                case SessionState.Wiping:
                    return next == SessionState.Advertising || next == SessionState.Idle;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Moves to <paramref name="next"/> at uptime <paramref name="now"/>; an illegal move is a
        /// firmware bug and throws, so that it is caught by tests rather than silently ignored.
        /// </summary>
        public void MoveTo(SessionState next, long now)
        {
            if (!CanMoveTo(next))
            {
                throw new CardStateException(_state, next);
            }

            _state = next;
            _lastActivity = now;
        }

        /// <summary>Records activity (a message) at <paramref name="now"/>, restarting the idle timeout.</summary>
        public void Touch(long now)
        {
            _lastActivity = now;
        }
    }
}
