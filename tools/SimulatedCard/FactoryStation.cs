using System.Security.Cryptography;
using CardFirmware.Host.Attestation;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// The factory's provisioning station for simulated cards. The card derives its identity key on
/// the card (from its eFuse HMAC key, which never leaves the chip); the station reads the public
/// key, has the vendor intermediate certify it, installs the chain over the card's own secure
/// channel as a one-off phone, checks the card's attestation as a customer's phone will, and
/// unpairs itself so that the owner's phone is the card's first. On a real card the identity key
/// comes from the device's GetInfo over BLE, and the eFuse and secure-boot steps come first
/// (firmware/Device/README.md, "Provisioning").
/// </summary>
public sealed class FactoryStation(VendorKey root, VendorKey intermediate)
{
    /// <summary>The station's intermediate certificate (issued by the root).</summary>
    public byte[] IntermediateCertificate { get; } = root.Certify(CertificateFormat.RoleIntermediate, intermediate.PublicKey);

    /// <summary>The root phones pin.</summary>
    public byte[] RootPublicKey => root.PublicKey;

    /// <summary>Provisions <paramref name="card"/>; returns its chain (card certificate, intermediate certificate).</summary>
    public byte[] Provision(SimulatedCard card)
    {
        var cardKey = card.Firmware.IdentityPublicKey();
        var chain = VendorKey.Chain(intermediate.Certify(CertificateFormat.RoleCard, cardKey), IntermediateCertificate);
        var verdict = card.PhoneSession(RandomNumberGenerator.GetBytes(32), cardKey, client =>
        {
            client.InstallCertificate(chain);
            var check = PhoneAttestation.Check(client, cardKey, root.PublicKey);
            client.Unpair();
            return check;
        });
        if (verdict != AttestationVerdict.Genuine)
        {
            throw new InvalidOperationException("The provisioned card does not attest: " + verdict);
        }

        return chain;
    }
}
