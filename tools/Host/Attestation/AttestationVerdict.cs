namespace CardFirmware.Host.Attestation;

/// <summary>What the phone concluded about a card's claim to be genuine.</summary>
public enum AttestationVerdict
{
    /// <summary>A chain up to the pinned root certifies the card's key, and the card signed this nonce with it.</summary>
    Genuine,

    /// <summary>The card says it has no vendor certificate.</summary>
    NotCertified,

    /// <summary>The reply is not a chain and a signature of the format's lengths, roles and version.</summary>
    Malformed,

    /// <summary>The chain certifies another key than the one the phone ran the channel with.</summary>
    WrongCardKey,

    /// <summary>A signature in the chain does not verify, or the chain does not end at the pinned root.</summary>
    UntrustedChain,

    /// <summary>The signature over the phone's nonce does not verify: not this card's key, or a replayed answer.</summary>
    BadChallengeSignature,
}
