namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Matches a round's incoming messages to the expected peers by the sender field of their headers.</summary>
    /// <remarks>
    /// The sender field is only what the message claims (the channel it came on is not known here), so it is never
    /// the culprit by itself: with a single peer every message is that peer's and <see cref="Wire.Open"/> blames the
    /// peer for a wrong header; with several peers a message naming a non-peer (this party, say) or a second
    /// message naming the same peer cannot be attributed, and the abort names no culprit rather than a party that
    /// may have written the message in another session and never sent it here.
    /// </remarks>
    internal static class Inbox
    {
        /// <summary>
        /// Returns the messages ordered like <paramref name="peers"/>. Every peer must have sent exactly one message.
        /// </summary>
        /// <exception cref="ThresholdException">MalformedMessage for a missing or extra message, UnexpectedMessage
        /// (culprit 0) for one that names a non-peer or a peer twice.</exception>
        public static byte[][] Sort(byte[][] inbox, int[] peers)
        {
            if (inbox == null || inbox.Length != peers.Length)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, 0);
            }

            if (peers.Length == 1)
            {
                return new byte[][] { inbox[0] };
            }

            byte[][] sorted = new byte[peers.Length][];
            for (int m = 0; m < inbox.Length; m++)
            {
                int sender = Wire.SenderOf(inbox[m]);
                int slot = -1;
                for (int p = 0; p < peers.Length; p++)
                {
                    if (peers[p] == sender)
                    {
                        slot = p;
                    }
                }

                if (slot < 0 || sorted[slot] != null)
                {
                    throw new ThresholdException(ThresholdError.UnexpectedMessage, 0);
                }

                sorted[slot] = inbox[m];
            }

            return sorted;
        }
    }
}
