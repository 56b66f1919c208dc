using CardFirmware.Hal;

namespace CardFirmware.Channel.Framing
{
    /// <summary>The card's packet sink: notifications on the notify characteristic of its GATT service.</summary>
    public sealed class BlePeripheralSink : IPacketSink
    {
        private readonly IBlePeripheral _ble;

        /// <summary>Sends through <paramref name="ble"/>.</summary>
        public BlePeripheralSink(IBlePeripheral ble)
        {
            _ble = ble;
        }

        /// <inheritdoc />
        public int MaxPacketSize
        {
            get
            {
                return FrameFormat.ClampAttMtu(_ble.Mtu) - FrameFormat.AttOverhead;
            }
        }

        /// <inheritdoc />
        public bool TrySend(byte[] packet, int offset, int count)
        {
            return _ble.Notify(packet, offset, count);
        }
    }
}
