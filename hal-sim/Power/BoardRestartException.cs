namespace CardFirmware.HalSim.Power;

/// <summary>
/// Thrown by <see cref="SimPower.Restart"/>: on the card the call never returns, so in the
/// simulator it unwinds the firmware instance; the host then boots a new one
/// (<see cref="Board.SimBoard.PowerCycle"/>).
/// </summary>
public sealed class BoardRestartException() : Exception("The firmware restarted the board.");
