using CardFirmware.Card.Radio;
using CardFirmware.Channel.Framing;
using CardFirmware.Hal;

namespace CardFirmware.Card.Session
{
    /// <summary>
    /// One session's way out: notifications on the card's notify characteristic for as long as
    /// the link the session began on is up. The HAL radio has one connection at a time and no
    /// connection handle, so after that link went down a notification would reach whichever phone
    /// connected next (one that reconnected while the card waited for a touch, say). A
    /// disconnection waiting in the radio queue means the session's link is gone: packets are
    /// refused, as for a link that is not connected, and are wiped with the session when the main
    /// loop takes the disconnection.
    /// </summary>
    public sealed class SessionLinkSink : IPacketSink
    {
        private readonly BlePeripheralSink _notify;
        private readonly RadioEventQueue _events;

        /// <summary>Sends through <paramref name="ble"/> while <paramref name="events"/> holds no disconnection.</summary>
        public SessionLinkSink(IBlePeripheral ble, RadioEventQueue events)
        {
            _notify = new BlePeripheralSink(ble);
            _events = events;
        }

        /// <inheritdoc />
        public int MaxPacketSize
        {
            get { return _notify.MaxPacketSize; }
        }

        /// <inheritdoc />
        public bool TrySend(byte[] packet, int offset, int count)
        {
            return !_events.HasPendingDisconnect && _notify.TrySend(packet, offset, count);
        }
    }
}
