namespace CardFirmware.Card.Hybrid
{
    /// <summary>What a <see cref="CardApproval"/> approves; its subject (32 bytes) is defined per kind.</summary>
    public enum ApprovalKind
    {
        /// <summary>A new provider policy for the wallet; subject = SHA-256 of the policy document as the provider encodes it.</summary>
        PolicyChange = 1,

        /// <summary>
        /// Re-issuing a lost phone's share with the provider; subject = SHA-256(recovery session handle(16) |
        /// the new phone's static key(33)), so the approval serves that one recovery by that one phone.
        /// </summary>
        PhoneRecovery = 2,
    }
}
