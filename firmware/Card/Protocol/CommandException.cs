using System;

namespace CardFirmware.Card.Protocol
{
    /// <summary>
    /// A handler's refusal of a request. The dispatcher turns it into a reply carrying
    /// <see cref="Status"/>; it is the only way a handler reports a failure to the phone.
    /// </summary>
    public sealed class CommandException : Exception
    {
        /// <summary>Creates the refusal with its wire status.</summary>
        public CommandException(WireStatus status)
            : base("Command refused")
        {
            Status = status;
        }

        /// <summary>What the phone is told.</summary>
        public WireStatus Status { get; private set; }
    }
}
