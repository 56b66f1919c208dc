using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// The card's messages of one round of a three-party run, as one request or reply body:
    /// <c>length(4, big-endian) | message for/from the phone | length(4, big-endian) | sealed message for/from
    /// the provider</c>. The phone forwards the second frame to the provider unread (<see cref="ProviderRelay"/>).
    /// </summary>
    public static class RelayFrames
    {
        private const int LengthBytes = 4;

        /// <summary>Joins the message for the phone and the sealed one for the provider.</summary>
        public static byte[] Join(byte[] forPhone, byte[] forProvider)
        {
            byte[] body = new byte[(2 * LengthBytes) + forPhone.Length + forProvider.Length];
            int at = Write(body, 0, forPhone);
            Write(body, at, forProvider);
            return body;
        }

        /// <summary>
        /// Splits a body into exactly two frames (phone's, provider's).
        /// </summary>
        /// <exception cref="ThresholdException">MalformedMessage (no culprit: the relay, not a party, framed it) for
        /// any length that does not add up to the body's.</exception>
        public static byte[][] Split(byte[] body)
        {
            byte[][] frames = new byte[2][];
            int at = 0;
            for (int i = 0; i < 2; i++)
            {
                if (body.Length - at < LengthBytes)
                {
                    throw new ThresholdException(ThresholdError.MalformedMessage, 0);
                }

                long length = ((long)body[at] << 24) | ((long)body[at + 1] << 16) | ((long)body[at + 2] << 8) | body[at + 3];
                at += LengthBytes;
                if (length > body.Length - at)
                {
                    throw new ThresholdException(ThresholdError.MalformedMessage, 0);
                }

                frames[i] = new byte[(int)length];
                System.Array.Copy(body, at, frames[i], 0, (int)length);
                at += (int)length;
            }

            if (at != body.Length)
            {
                throw new ThresholdException(ThresholdError.MalformedMessage, 0);
            }

            return frames;
        }

        private static int Write(byte[] body, int at, byte[] message)
        {
            body[at] = (byte)(message.Length >> 24);
            body[at + 1] = (byte)(message.Length >> 16);
            body[at + 2] = (byte)(message.Length >> 8);
            body[at + 3] = (byte)message.Length;
            System.Array.Copy(message, 0, body, at + LengthBytes, message.Length);
            return at + LengthBytes + message.Length;
        }
    }
}
