namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Matches a round's incoming messages to the expected peers by the sender field of their headers.</summary>
    internal static class Inbox
    {
        /// <summary>
        /// Returns the messages ordered like <paramref name="peers"/>. Every peer must have sent exactly one message.
        /// </summary>
        /// <exception cref="ThresholdException">MalformedMessage for a missing, extra or duplicated message.</exception>
        public static byte[][] Sort(byte[][] inbox, int[] peers)
        {
            if (inbox == null || inbox.Length != peers.Length)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, 0);
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

                if (slot < 0)
                {
                    throw new ThresholdException(ThresholdError.UnexpectedMessage, sender);
                }

                if (sorted[slot] != null)
                {
                    throw new ThresholdException(ThresholdError.UnexpectedMessage, sender);
                }

                sorted[slot] = inbox[m];
            }

            return sorted;
        }
    }
}
