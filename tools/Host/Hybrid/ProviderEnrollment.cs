namespace CardFirmware.Host.Hybrid;

/// <summary>
/// Keys and policy a session enrolls at the provider. Creating a wallet: the phone's static key (<see cref="PhoneKey"/>,
/// 33 bytes), the card's identity key (<see cref="CardKey"/>, 33 bytes) and the policy. Recovering a lost phone: the
/// new phone's key. Recovering a lost card: the new card's identity key, which signs the approval.
/// </summary>
public sealed record ProviderEnrollment(byte[]? PhoneKey = null, byte[]? CardKey = null, ProviderPolicy? Policy = null);
