namespace CardFirmware.Card.Wallet
{
    /// <summary>A command handler that keeps protocol state between requests of one phone session.</summary>
    public interface ISessionScoped
    {
        /// <summary>Drops and wipes whatever the handler kept: called at every session end.</summary>
        void EndSession();
    }
}
