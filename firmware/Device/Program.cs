using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Device.Board;

namespace CardFirmware.Device
{
    /// <summary>The card's entry point: the nanoCLR runs <see cref="Main"/> after deployment and at every boot.</summary>
    public static class Program
    {
        /// <summary>
        /// Builds the board, boots the card (self-test, identity from the eFuse HMAC key, storage
        /// recovery, command table, advertising) and runs its main loop forever. A boot that throws
        /// (the self-test failed, or the eFuse key or data partition is missing) leaves the LED
        /// flashing the error and restarts the chip: nothing else may run without them.
        /// </summary>
        public static void Main()
        {
            DeviceBoard board = new DeviceBoard();
            CardFirmware.Card.Card card = new CardFirmware.Card.Card(
                board, new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance), new CardFirmware.Card.CardConfig());
            try
            {
                card.Boot();
            }
            catch (System.Exception)
            {
                board.Led.Show(CardFirmware.Hal.LedPattern.ErrorFlash);
                board.Clock.Delay(RestartDelayMilliseconds);
                board.Power.Restart();
                return;
            }

            card.Run();
        }

        /// <summary>Long enough to see the error flash before the chip restarts.</summary>
        private const int RestartDelayMilliseconds = 2000;
    }
}
