namespace CardFirmware.Card.Ble
{
    /// <summary>
    /// The card's GATT service: its own 128-bit UUIDs (random, version 4), big-endian as written.
    /// Service 5d1c0000-8f3a-4b6e-9c41-3a7e2b6d0c11; characteristics differ in bytes 2-3.
    /// </summary>
    public static class CardGattService
    {
        /// <summary>Name the card advertises.</summary>
        public const string LocalName = "CardFirmware";

        /// <summary>The primary service.</summary>
        public static byte[] ServiceUuid()
        {
            return Uuid(0x00);
        }

        /// <summary>Write characteristic: phone to card (write without response).</summary>
        public static byte[] WriteCharacteristicUuid()
        {
            return Uuid(0x01);
        }

        /// <summary>Notify characteristic: card to phone.</summary>
        public static byte[] NotifyCharacteristicUuid()
        {
            return Uuid(0x02);
        }

        /// <summary>Readable status characteristic: <see cref="CardStatus"/> bytes.</summary>
        public static byte[] StatusCharacteristicUuid()
        {
            return Uuid(0x03);
        }

        private static byte[] Uuid(byte characteristic)
        {
            return new byte[]
            {
                0x5d, 0x1c, 0x00, characteristic, 0x8f, 0x3a, 0x4b, 0x6e,
                0x9c, 0x41, 0x3a, 0x7e, 0x2b, 0x6d, 0x0c, 0x11,
            };
        }
    }
}
