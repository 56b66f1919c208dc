using CardFirmware.Card.Protocol;

namespace CardFirmware.Card.Commands
{
    /// <summary>Echoes the request payload (at most <see cref="MaxEcho"/> bytes): a channel round-trip check.</summary>
    public sealed class PingHandler : ICommandHandler
    {
        /// <summary>Longest payload echoed.</summary>
        public const int MaxEcho = 1024;

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength > MaxEcho)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            byte[] echo = new byte[payloadLength];
            System.Array.Copy(request, payloadOffset, echo, 0, payloadLength);
            return echo;
        }
    }
}
