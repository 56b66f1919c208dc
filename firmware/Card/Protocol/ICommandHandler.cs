namespace CardFirmware.Card.Protocol
{
    /// <summary>Handles one command. Registered in the <see cref="CommandDispatcher"/>'s table.</summary>
    public interface ICommandHandler
    {
        /// <summary>
        /// Handles the request whose payload is <paramref name="payloadLength"/> bytes of
        /// <paramref name="request"/> from <paramref name="payloadOffset"/>, and returns the reply
        /// payload (never null; empty for none). Refuses with <see cref="CommandException"/>.
        /// </summary>
        byte[] Handle(byte[] request, int payloadOffset, int payloadLength);
    }
}
