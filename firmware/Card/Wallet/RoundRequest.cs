using CardFirmware.Card.Protocol;

namespace CardFirmware.Card.Wallet
{
    /// <summary>The <c>round(1) | body</c> payload shared by the multi-round wallet commands.</summary>
    public static class RoundRequest
    {
        /// <summary>Splits the payload: returns the body and sets <paramref name="round"/>; refuses an empty payload.</summary>
        public static byte[] Split(byte[] request, int payloadOffset, int payloadLength, out int round)
        {
            if (payloadLength < 1)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            round = request[payloadOffset];
            byte[] body = new byte[payloadLength - 1];
            System.Array.Copy(request, payloadOffset + 1, body, 0, body.Length);
            return body;
        }
    }
}
