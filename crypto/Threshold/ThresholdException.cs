namespace CardFirmware.Crypto.Threshold
{
    /// <summary>
    /// A threshold protocol session aborted. <see cref="Culprit"/> names the party whose message
    /// caused the abort (1-based index), or 0 when the fault is local (bad call, bad state) or cannot be
    /// attributed (a message naming a sender that is not an expected peer, see <c>Inbox</c>).
    /// </summary>
    /// <remarks>Security: the message never contains secret data.</remarks>
    public sealed class ThresholdException : System.Exception
    {
        /// <summary>Creates the exception for <paramref name="reason"/> blamed on party <paramref name="culprit"/>.</summary>
        public ThresholdException(ThresholdError reason, int culprit)
            : base("threshold protocol aborted")
        {
            Reason = reason;
            Culprit = culprit;
        }

        /// <summary>Why the session aborted.</summary>
        public ThresholdError Reason { get; }

        /// <summary>1-based index of the misbehaving party, or 0 for a local or unattributable fault.</summary>
        public int Culprit { get; }
    }
}
