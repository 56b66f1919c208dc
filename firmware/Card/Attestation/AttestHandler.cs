using CardFirmware.Card.Identity;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Storage;

namespace CardFirmware.Card.Attestation
{
    /// <summary>
    /// <see cref="CommandCode.Attest"/>: proves to the phone that this is a genuine card holding its
    /// identity key. Request: a fresh 32-byte nonce from the phone. Reply:
    /// <code>certificate chain (1 + 99 × count) | ECDSA signature (64, compact low s) by the identity key
    /// over CardCertificate.ChallengeHash(identity key, nonce)</code>
    /// A card without a stored chain answers <see cref="WireStatus.NotCertified"/>. The identity key
    /// also serves as the Noise static key; the signature's hash is domain-separated
    /// ("CardFirmware/attest/1"), as Lightning's node key both runs BOLT #8 and signs BOLT #7
    /// announcements.
    /// </summary>
    public sealed class AttestHandler : ICommandHandler
    {
        /// <summary>Length of the phone's nonce.</summary>
        public const int NonceLength = 32;

        private readonly RecordLog _log;
        private readonly CardIdentity _identity;

        /// <summary>Answers with the chain in <paramref name="log"/>, signing with <paramref name="identity"/>.</summary>
        public AttestHandler(RecordLog log, CardIdentity identity)
        {
            _log = log;
            _identity = identity;
        }

        /// <inheritdoc />
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            if (payloadLength != NonceLength)
            {
                throw new CommandException(WireStatus.MalformedRequest);
            }

            if (!_log.Contains(StorageKeys.CertificateChain))
            {
                throw new CommandException(WireStatus.NotCertified);
            }

            byte[] chain = _log.Get(StorageKeys.CertificateChain);
            byte[] hash = CardCertificate.ChallengeHash(_identity.PublicKey(), request, payloadOffset);
            byte[] signature = Ecdsa.Managed.Sign(_identity.PrivateKey, hash, null);
            byte[] reply = new byte[chain.Length + signature.Length];
            System.Array.Copy(chain, 0, reply, 0, chain.Length);
            System.Array.Copy(signature, 0, reply, chain.Length, signature.Length);
            return reply;
        }
    }
}
