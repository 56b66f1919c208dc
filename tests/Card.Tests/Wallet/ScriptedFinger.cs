using CardFirmware.Card.Finger;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>
/// A finger-key reader whose touches are scripted by the test: each touch yields the enrolled
/// key, another finger's key, or a refusal. It stands in for the biometric pipeline so the wallet
/// commands can be tested on their own; the pipeline has its own tests.
/// </summary>
internal sealed class ScriptedFinger(byte[] enrolledKey) : IFingerKeyReader
{
    private readonly Queue<object> _touches = new();

    public bool IsEnrolled { get; set; } = true;

    public int Reads { get; private set; }

    public void TouchEnrolled() => _touches.Enqueue(enrolledKey);

    public void TouchOther(byte[] key) => _touches.Enqueue(key);

    public void Refuse(WireStatus status) => _touches.Enqueue(status);

    public byte[] ReadKey(int timeoutMilliseconds)
    {
        Reads++;
        if (!_touches.TryDequeue(out var touch))
        {
            throw new CommandException(WireStatus.NoFinger);
        }

        return touch is WireStatus status ? throw new CommandException(status) : (byte[])((byte[])touch).Clone();
    }
}
