using CardFirmware.Card.Attestation;
using CardFirmware.Card.Ble;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Hybrid;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Radio;
using CardFirmware.Card.Session;
using CardFirmware.Card.Update;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel.Noise;
using CardFirmware.Biometrics;
using CardFirmware.Crypto;
using CardFirmware.Drivers.Fpc1020;
using CardFirmware.Hal;
using CardFirmware.Storage;

namespace CardFirmware.Card
{
    /// <summary>
    /// The card application: brings the board up, then runs the main loop that turns radio events
    /// into sessions. Every wait is bounded by <see cref="CardConfig.TickMilliseconds"/> (a
    /// watchdog tick), every session ends by way of <see cref="SessionState.Wiping"/>, and nothing
    /// a phone sends can stop the loop: an exception that no handler caught ends and wipes the
    /// session (<see cref="SessionEnd.Fault"/>) and the card advertises again. Boot never throws
    /// on what storage holds: a record it cannot read leaves the card advertising with its
    /// damage reported (<see cref="BootStorageFailure"/>, the status characteristic).
    /// </summary>
    public sealed class Card
    {
        private readonly IBoard _board;
        private readonly IChannelCurve _curve;
        private readonly CardConfig _config;
        private readonly SessionStateMachine _machine = new SessionStateMachine();
        private readonly IWaitSignal _wake;
        private readonly RadioEventQueue _events;
        private readonly CommandDispatcher _dispatcher = new CommandDispatcher();
        private readonly CardInfo _info = new CardInfo();
        private readonly PhoneIdentity _caller = new PhoneIdentity();
        private readonly byte[] _prologue;
        private RecordLog _log;
        private CardIdentity _identity;
        private DeviceKeys _keys;
        private BondList _bonds;
        private SensorFingerKeyReader _finger;
        private ISessionScoped[] _sessionScoped;
        private CardSession _session;
        private SessionEnd _lastEnd;

        /// <summary>
        /// Creates the card on <paramref name="board"/>; every piece of arithmetic, the channel's
        /// curve included, runs on <see cref="CardConfig.Arithmetic"/>.
        /// </summary>
        public Card(IBoard board, CardConfig config)
            : this(board, new Secp256k1ChannelCurve(config.Arithmetic), config)
        {
        }

        /// <summary>
        /// Creates the card on <paramref name="board"/>, with <paramref name="curve"/> as the
        /// secp256k1 operations of the channel (a harness may supply its own, e.g. a curve that
        /// injects faults); the rest of the arithmetic, the handshake's hashing included, runs on
        /// <see cref="CardConfig.Arithmetic"/>.
        /// </summary>
        public Card(IBoard board, IChannelCurve curve, CardConfig config)
        {
            _board = board;
            _curve = curve;
            _config = config;
            _prologue = Ascii.Bytes(config.Prologue);
            _wake = board.Clock.CreateSignal();
            _events = new RadioEventQueue(config.RadioQueueCapacity, _wake);
        }

        private CardStateChangedHandler _stateChanged;

        /// <summary>Raised on every state change.</summary>
        /// <remarks>Explicit accessors: a field-like event compiles to a generic
        /// Interlocked.CompareExchange that nanoFramework 1.x lacks.</remarks>
        public event CardStateChangedHandler StateChanged
        {
            add { _stateChanged = (CardStateChangedHandler)System.Delegate.Combine(_stateChanged, value); }
            remove { _stateChanged = (CardStateChangedHandler)System.Delegate.Remove(_stateChanged, value); }
        }

        /// <summary>The session state.</summary>
        public SessionState State
        {
            get { return _machine.State; }
        }

        /// <summary>Why the last session ended.</summary>
        public SessionEnd LastSessionEnd
        {
            get { return _lastEnd; }
        }

        /// <summary>Sessions wiped since boot.</summary>
        public int SessionsWiped { get; private set; }

        /// <summary>Exceptions the main loop caught since boot (each ended its session as <see cref="SessionEnd.Fault"/>).</summary>
        public int Faults { get; private set; }

        /// <summary>
        /// Why boot could not bring storage up, or 0 if it did. Without a log or an identity key
        /// the card cannot run a secure channel: it advertises its damage and drops every
        /// connection. With them, phones are served by the commands that did register (GetInfo
        /// and Ping first).
        /// </summary>
        public StorageError BootStorageFailure { get; private set; }

        /// <summary>The current session, or null between sessions (for diagnostics).</summary>
        public CardSession CurrentSession
        {
            get { return _session; }
        }

        /// <summary>The card's public identity key (33 bytes), which the QR code on the sleeve carries. Valid after <see cref="Boot"/>.</summary>
        public byte[] IdentityPublicKey()
        {
            return _identity.PublicKey();
        }

        /// <summary>True if this boot found the flash blank and formatted it (first boot after flashing).</summary>
        public bool ProvisionedThisBoot
        {
            get { return _log != null && _log.WasFormatted; }
        }

        /// <summary>The tap-to-approve reader (for diagnostics: last quality refusal). Valid after <see cref="Boot"/>.</summary>
        public SensorFingerKeyReader Finger
        {
            get { return _finger; }
        }

        /// <summary>
        /// Board bring-up: LED, crypto self-test, identity (derived from the eFuse HMAC key, never
        /// read from flash), storage mount and recovery (an interrupted factory reset or wallet
        /// creation is finished or rolled back, records of older firmware erased), sensor, command
        /// table, radio. Ends advertising, also when storage failed (see <see cref="BootStorageFailure"/>):
        /// the identity does not depend on flash, so a damaged card stays reachable for a reset.
        /// </summary>
        public void Boot()
        {
            _board.Led.Show(LedPattern.Off);
            if (!SelfTest.Run())
            {
                // A card whose hash or cipher is wrong must not touch any key.
                _board.Led.Show(LedPattern.ErrorFlash);
                throw new CryptoException(CryptoError.SelfTestFailed);
            }

            _keys = new DeviceKeys(_board.Hmac);
            _identity = CardIdentity.Derive(_keys, _curve);
            _info.IdentityPublicKey = _identity.PublicKey();
            _dispatcher.Register(CommandCode.GetInfo, new GetInfoHandler(_info, _board.Power));
            _dispatcher.Register(CommandCode.Ping, new PingHandler());
            try
            {
                BootStorage();
            }
            catch (StorageException failure)
            {
                BootStorageFailure = failure.Error;
            }

            _events.Attach(_board.Ble);
            StartAdvertising();
        }

        private void BootStorage()
        {
            _log = RecordLog.Mount(_board.Flash, 0, _board.Flash.PageCount);
            FactoryReset.Boot(_log);
            RetiredRecords.Erase(_log);
            _bonds = new BondList(_log, _config.MaxBondedPhones);
            RegisterCommands();
        }

        // The sensor frame and the driver's frame percentiles on the same backend as the image kernels: with
        // native kernels the frame lives in the module's static RAM, not on the managed heap.
        private IFrameStore Frame()
        {
            return _config.ImageKernels == null
                ? (IFrameStore)new ManagedFrameStore(new byte[Fpc1020Sensor.ImageSize])
                : new NativeFrameStore(_config.ImageKernels);
        }

        // The sensor driver's frame percentiles on the same backend as the image kernels.
        private IGreyLevelPercentiles Percentiles()
        {
            return _config.ImageKernels == null
                ? (IGreyLevelPercentiles)new ManagedGreyLevelPercentiles()
                : new NativeGreyLevelPercentiles(_config.ImageKernels);
        }

        private void RegisterCommands()
        {
            // One frame for the card's life, allocated at boot. The extractor keeps only its kernels and
            // parameters; a touch's working buffers are made when it starts and dropped when it ends, so
            // the signing that follows the touch does not carry them (firmware/Biometrics README, "Memory").
            IFrameStore frame = Frame();
            FingerKeyExtractor extractor = new FingerKeyExtractor(_config.ImageKernels);
            FingerSensor sensor = new FingerSensor(
                new Fpc1020Sensor(_board.SensorSpi, _board.SensorIrq, _board.SensorReset, _board.Clock, Percentiles()), _board.Clock, _board.Led);
            TouchCounter counter = new TouchCounter(_log, _board.OneWayCounter, _keys, _config.MaxFailedTouches);
            ShareVault vault = new ShareVault(_log, _keys, _board.Entropy);
            CardRandom random = new CardRandom(_board.Entropy, _config.Arithmetic);
            _finger = new SensorFingerKeyReader(sensor, extractor, counter, _log, frame);
            if (WalletRecord.IsUnfinished(_log))
            {
                // Creation was cut between the public record and the sealed share: the phone never
                // got the card's last reply, so no wallet exists yet.
                _log.Delete(StorageKeys.WalletPublic);
            }

            ProviderKeyRecord.DropIfNoWallet(_log);

            int touch = _config.TouchTimeoutMilliseconds;
            EnrollHandler enroll = new EnrollHandler(sensor, extractor, _finger, counter, _log, random, _info, frame, touch);
            SessionIdSource sessionIds = new SessionIdSource(_log, random);
            SetupGuard guard = new SetupGuard(_log);
            CreateWalletHandler create = new CreateWalletHandler(_log, vault, _finger, random, _info, sessionIds, guard, _keys, touch, _config.Arithmetic);
            SignHandler sign = new SignHandler(_log, vault, _finger, random, sessionIds, guard, touch, _config.Arithmetic, _dispatcher.Replies);
            RefreshHandler refresh = new RefreshHandler(_log, vault, _finger, random, sessionIds, guard, _keys, touch, _config.Arithmetic);
            HybridContext hybrid = new HybridContext(_log, vault, _finger, random, sessionIds, guard, _keys, _identity, _curve, touch, _config.Arithmetic);
            HybridCreateHandler hybridCreate = new HybridCreateHandler(hybrid, _info);
            HybridSignHandler hybridSign = new HybridSignHandler(hybrid);
            HybridRefreshHandler hybridRefresh = new HybridRefreshHandler(hybrid);
            HybridRecoverHandler hybridRecover = new HybridRecoverHandler(hybrid, _info);
            _sessionScoped = new ISessionScoped[] { enroll, create, sign, refresh, hybridCreate, hybridSign, hybridRefresh, hybridRecover };

            _info.Enrolled = _finger.IsEnrolled;
            _info.HasWallet = vault.HasShare || WalletRecord.IsDamaged(_log);
            _dispatcher.Register(CommandCode.Enroll, enroll);
            _dispatcher.Register(CommandCode.CreateWallet, create);
            _dispatcher.Register(CommandCode.GetPublicKey, new GetPublicKeyHandler(_log));
            _dispatcher.Register(CommandCode.Sign, sign);
            _dispatcher.Register(CommandCode.Refresh, refresh);
            _dispatcher.Register(CommandCode.HybridCreateWallet, hybridCreate);
            _dispatcher.Register(CommandCode.HybridSign, hybridSign);
            _dispatcher.Register(CommandCode.HybridRefresh, hybridRefresh);
            _dispatcher.Register(CommandCode.HybridRecover, hybridRecover);
            _dispatcher.Register(CommandCode.HybridApprove, new ApproveHandler(hybrid));
            _dispatcher.Register(CommandCode.Unpair, new UnpairHandler(_bonds, _caller));
            _dispatcher.Register(CommandCode.FactoryReset, new FactoryResetHandler(_log, _bonds, _finger, counter, _info, touch));
            _dispatcher.Register(CommandCode.Attest, new AttestHandler(_log, _identity));
            _dispatcher.Register(CommandCode.InstallCertificate, new InstallCertificateHandler(_log, _identity.PublicKey(), _config.VendorRootPublicKey));
            RegisterUpdates(touch);
        }

        /// <summary>
        /// True if boot found the active-firmware record below the version counter: an older flash
        /// image was written back. Such a card refuses updates to versions it has passed and reports it.
        /// </summary>
        public bool FirmwareRollbackDetected { get; private set; }

        /// <summary>The firmware slots, when the board has them (<see cref="IFirmwareStore"/>); null otherwise.</summary>
        public FirmwareSlots Firmware { get; private set; }

        private void RegisterUpdates(int touch)
        {
            IFirmwareStore store = _board as IFirmwareStore;
            if (store == null)
            {
                return;
            }

            Firmware = new FirmwareSlots(store.FirmwareFlash, _log, store.FirmwareVersionCounter);
            // Finishes an activation cut between its record and its version burns.
            FirmwareRollbackDetected = !Firmware.Recover();
            UpdateSession update = new UpdateSession();
            _dispatcher.Register(CommandCode.UpdateBegin, new UpdateBeginHandler(Firmware, update, _config.VendorRootPublicKey));
            _dispatcher.Register(CommandCode.UpdateData, new UpdateDataHandler(Firmware, update));
            _dispatcher.Register(CommandCode.UpdateActivate, new UpdateActivateHandler(Firmware, update, _finger, touch));
            ISessionScoped[] scoped = new ISessionScoped[_sessionScoped.Length + 1];
            System.Array.Copy(_sessionScoped, scoped, _sessionScoped.Length);
            scoped[_sessionScoped.Length] = update;
            _sessionScoped = scoped;
        }

        /// <summary>Runs the main loop forever (on the card).</summary>
        public void Run()
        {
            while (true)
            {
                RunOnce(_config.TickMilliseconds);
            }
        }

        /// <summary>
        /// One turn of the main loop: waits at most <paramref name="maxWaitMilliseconds"/> (and never
        /// longer than the watchdog tick) for a radio event, handles every queued event, then
        /// runs the timers.
        /// </summary>
        public void RunOnce(int maxWaitMilliseconds)
        {
            _wake.Wait(WaitBudget(maxWaitMilliseconds));
            byte[] payload;
            RadioEventKind kind;
            while ((kind = _events.TryTake(out payload)) != RadioEventKind.None)
            {
                try
                {
                    Handle(kind, payload);
                }
                catch (System.Exception)
                {
                    // Deliberately broad: damaged storage read outside a command (the helper data
                    // behind a new phone's touch), a firmware bug. Never Busy with a session open.
                    Recover();
                }
            }

            try
            {
                Tick();
            }
            catch (System.Exception)
            {
                Recover();
            }
        }

        /// <summary>After an uncaught exception: ends and wipes the session, whatever state it was in, and advertises again.</summary>
        private void Recover()
        {
            Faults++;
            if (_session != null)
            {
                EndSession(SessionEnd.Fault, true);
                return;
            }

            // A failure between the connection and its session (the session could not be built).
            if (_machine.State == SessionState.Connected || _machine.State == SessionState.Busy)
            {
                _machine.MoveTo(SessionState.Wiping, _board.Clock.UptimeMilliseconds);
                _lastEnd = SessionEnd.Fault;
                _board.Ble.Disconnect();
                StartAdvertising();
            }
        }

        private int WaitBudget(int maxWaitMilliseconds)
        {
            int budget = maxWaitMilliseconds < _config.TickMilliseconds ? maxWaitMilliseconds : _config.TickMilliseconds;
            if (_session != null && _session.IsSending && budget > _config.BackPressureRetryMilliseconds)
            {
                budget = _config.BackPressureRetryMilliseconds;
            }

            return budget < 0 ? 0 : budget;
        }

        private void Handle(RadioEventKind kind, byte[] payload)
        {
            long now = _board.Clock.UptimeMilliseconds;
            if (kind == RadioEventKind.Connected)
            {
                if (_identity == null || _bonds == null)
                {
                    // Storage failed at boot: no identity key to run the handshake with, or no
                    // bond list to admit by. The status characteristic says why.
                    _board.Ble.Disconnect();
                }
                else if (_machine.State == SessionState.Advertising)
                {
                    _machine.MoveTo(SessionState.Connected, now);
                    _session = new CardSession(_board.Ble, new SessionLinkSink(_board.Ble, _events), _board.Clock, _config,
                        _prologue, _identity, _curve, _board.Entropy, _dispatcher, _bonds, _caller, _finger, _info);
                    _board.Led.Show(LedPattern.On);
                    Publish();
                }
            }
            else if (kind == RadioEventKind.Disconnected)
            {
                if (_session != null)
                {
                    EndSession(SessionEnd.Disconnected, false);
                }
            }
            else if (kind == RadioEventKind.Write && _session != null && _machine.State == SessionState.Connected)
            {
                _machine.MoveTo(SessionState.Busy, now);
                int bondsBefore = _bonds.Count;
                _session.OnPacket(payload);
                _machine.MoveTo(SessionState.Connected, _board.Clock.UptimeMilliseconds);
                if (_bonds.Count != bondsBefore)
                {
                    Publish();
                }

                if (_session.End != SessionEnd.None)
                {
                    EndSession(_session.End, true);
                }
            }
        }

        private void Tick()
        {
            if (_session == null)
            {
                return;
            }

            _session.Poll();
            long idle = _board.Clock.UptimeMilliseconds - _machine.LastActivity;
            if (idle >= _config.IdleTimeoutMilliseconds)
            {
                EndSession(SessionEnd.IdleTimeout, true);
            }
        }

        private void EndSession(SessionEnd reason, bool dropLink)
        {
            _machine.MoveTo(SessionState.Wiping, _board.Clock.UptimeMilliseconds);
            _lastEnd = reason;
            try
            {
                Publish();
                bool linkDown = _events.DiscardSessionEvents();
                if (dropLink && !linkDown)
                {
                    _board.Ble.Disconnect();
                }

                EndSessionScoped();
            }
            finally
            {
                try
                {
                    _session.Dispose();
                }
                finally
                {
                    _session = null;
                    SessionsWiped++;
                    StartAdvertising();
                }
            }
        }

        private void EndSessionScoped()
        {
            if (_sessionScoped == null)
            {
                return;
            }

            for (int i = 0; i < _sessionScoped.Length; i++)
            {
                try
                {
                    _sessionScoped[i].EndSession();
                }
                catch (System.Exception)
                {
                    // One handler's failure must not leave the others' secrets unwiped.
                    Faults++;
                }
            }
        }

        private void StartAdvertising()
        {
            _machine.MoveTo(SessionState.Advertising, _board.Clock.UptimeMilliseconds);
            _board.Ble.StartAdvertising(CardGattService.LocalName, CardGattService.ServiceUuid(),
                CardGattService.WriteCharacteristicUuid(), CardGattService.NotifyCharacteristicUuid(),
                CardGattService.StatusCharacteristicUuid());
            _board.Led.Show(LedPattern.BlinkSlow);
            Publish();
        }

        private void Publish()
        {
            _info.StorageDamaged = IsStorageDamaged();
            _board.Ble.SetStatus(CardStatus.Encode(_machine.State, _bonds != null && _bonds.Count > 0, _info.StorageDamaged));
            CardStateChangedHandler handler = _stateChanged;
            if (handler != null)
            {
                handler(_machine.State, _lastEnd);
            }
        }

        private bool IsStorageDamaged()
        {
            if (BootStorageFailure != 0 || _log == null || _bonds == null)
            {
                return true;
            }

            return _bonds.IsDamaged || _log.DamagedKeys > 0 || _log.UnreadableRegions > 0 || WalletRecord.IsDamaged(_log);
        }
    }
}
