namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The in-process provider's policy: returns a refusal code (<see cref="ProviderRefusedException.Reason"/>) for a
/// session it must not join, or null to let it run. The real policy (limits, allowlists, delays, audit) belongs to
/// the provider service; this hook lets the simulator and tests stand in for it.
/// </summary>
public delegate string? ProviderPolicyHook(ProviderSession session);
