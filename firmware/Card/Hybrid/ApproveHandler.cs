using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Card.Hybrid
{
    /// <summary>
    /// <see cref="CommandCode.HybridApprove"/>: the owner approves a provider request by touch. Request: kind(1, an
    /// <see cref="ApprovalKind"/>) | subject(32). The card needs a 2-of-3 wallet, waits for the enrolled finger,
    /// raises its session counter on flash, and replies a <see cref="CardApproval"/> (139 bytes).
    /// </summary>
    public sealed class ApproveHandler : ICommandHandler
    {
        private readonly HybridContext _context;

        /// <summary>Creates the handler over the card's shared 2-of-3 context.</summary>
        public ApproveHandler(HybridContext context)
        {
            _context = context;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != 33 || (request[payloadOffset] != (byte)ApprovalKind.PolicyChange && request[payloadOffset] != (byte)ApprovalKind.PhoneRecovery))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            byte[] wallet = WalletRecord.Read(_context.Log);
            if (wallet == null || ProviderKeyRecord.Read(_context.Log) == null)
            {
                throw new CommandException(WireStatus.WalletState);
            }

            // The touch is the approval; the finger key itself is not needed.
            Wipe.Bytes(_context.Finger.ReadKey(_context.TouchTimeoutMilliseconds));
            Wipe.Bytes(_context.SessionIds.NextContribution());
            byte[] statement = CardApproval.Statement(request[payloadOffset], _context.SessionIds.SessionsBegun, wallet, request, payloadOffset + 1);
            byte[] signature = Ecdsa.Managed.Sign(_context.Identity.PrivateKey, CardApproval.Hash(statement, 0), null);
            byte[] approval = new byte[CardApproval.Length];
            System.Array.Copy(statement, 0, approval, 0, CardApproval.StatementLength);
            System.Array.Copy(signature, 0, approval, CardApproval.StatementLength, 64);
            return approval;
        }
    }
}
