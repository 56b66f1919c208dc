using CardFirmware.Card.Wallet;

namespace CardFirmware.Card.Update
{
    /// <summary>
    /// The update in progress within one phone session, in RAM only: its verified manifest and how
    /// many image bytes are in the inactive slot. A session end or a reboot drops it, and the phone
    /// starts again with <see cref="Protocol.CommandCode.UpdateBegin"/> (which erases the slot):
    /// nothing of a half-written image is ever trusted.
    /// </summary>
    public sealed class UpdateSession : ISessionScoped
    {
        /// <summary>The manifest the update was begun with, or null.</summary>
        public UpdateManifest Manifest;

        /// <summary>Image bytes written so far.</summary>
        public int Written;

        /// <inheritdoc />
        public void EndSession()
        {
            Manifest = null;
            Written = 0;
        }
    }
}
