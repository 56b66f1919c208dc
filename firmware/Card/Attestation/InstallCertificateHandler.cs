using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Storage;

namespace CardFirmware.Card.Attestation
{
    /// <summary>
    /// <see cref="CommandCode.InstallCertificate"/>: the factory's step after it has certified the
    /// card's identity key. Request: a certificate chain (<see cref="CardCertificate"/>). The card
    /// stores it only if it certifies the card's own identity key up to the vendor root the
    /// firmware pins (<see cref="CardConfig.VendorRootPublicKey"/>), so any phone may send it: a
    /// chain for another key or from another vendor is refused with
    /// <see cref="WireStatus.CertificateRejected"/> and leaves the stored one in place. A valid
    /// chain replaces the stored one (re-issue under a new intermediate). Reply: empty.
    /// </summary>
    public sealed class InstallCertificateHandler : ICommandHandler
    {
        private readonly RecordLog _log;
        private readonly byte[] _identityPublicKey;
        private readonly byte[] _root;

        /// <summary>Installs chains for <paramref name="identityPublicKey"/> under <paramref name="root"/> into <paramref name="log"/>.</summary>
        public InstallCertificateHandler(RecordLog log, byte[] identityPublicKey, byte[] root)
        {
            _log = log;
            _identityPublicKey = identityPublicKey;
            _root = root;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength < 1 || payloadLength > CardCertificate.ChainLength(CardCertificate.MaxChainLength))
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (_root == null || !CertificateChain.Verify(Ecdsa.Managed, request, payloadOffset, payloadLength, _identityPublicKey, _root))
            {
                throw new CommandException(WireStatus.CertificateRejected);
            }

            _log.Put(StorageKeys.CertificateChain, request, payloadOffset, payloadLength);
            return new byte[0];
        }
    }
}
