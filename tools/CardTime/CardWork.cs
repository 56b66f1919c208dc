namespace CardFirmware.CardTime;

/// <summary>
/// What the card did during one step of a simulation, counted from outside: boots, phone sessions
/// (connect, handshake, end), touches by kind, enrollments completed (the last touch builds the
/// vault), and the wallet commands that ran to the end.
/// </summary>
public sealed record CardWork(
    int Boots = 0,
    int Sessions = 0,
    int EnrollmentTouches = 0,
    int EnrollmentsCompleted = 0,
    int VerificationTouches = 0,
    int WalletCreations = 0,
    int Signatures = 0);
