namespace GameCluster.Grains.Accounts;

/// <summary>A login identity (guest device or username) that owns a player id, a password hash and roles.</summary>
public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> account,
    TimeProvider timeProvider) : Grain, IAccountGrain
{
    /// <inheritdoc />
    public async Task<AccountResult> SignInAsGuestAsync()
    {
        RequireKind(AccountRules.AccountKind.Device);
        if (!account.RecordExists)
        {
            Create(passwordHash: null);
            await account.WriteStateAsync();
        }

        return Succeeded();
    }

    /// <inheritdoc />
    public async Task<AccountResult> RegisterAsync(string password)
    {
        RequireKind(AccountRules.AccountKind.User);
        AccountRules.ValidatePassword(password);
        if (account.RecordExists)
        {
            return AccountResult.Failed(AccountOutcome.UsernameTaken);
        }

        Create(PasswordHasher.Hash(password));
        await account.WriteStateAsync();
        return Succeeded();
    }

    /// <inheritdoc />
    public Task<AccountResult> SignInAsync(string password)
    {
        RequireKind(AccountRules.AccountKind.User);
        AccountRules.ValidatePassword(password);
        var matches = PasswordHasher.Verify(password, account.RecordExists ? account.State.PasswordHash : null);
        return Task.FromResult(matches ? Succeeded() : AccountResult.Failed(AccountOutcome.InvalidCredentials));
    }

    private void RequireKind(AccountRules.AccountKind kind)
    {
        if (AccountRules.ParseAccountKey(this.GetPrimaryKeyString()) != kind)
        {
            throw new ArgumentException($"This operation needs a {kind.ToString().ToLowerInvariant()} account.");
        }
    }

    private void Create(string? passwordHash)
    {
        var now = timeProvider.GetUtcNow();
        account.State = new AccountState
        {
            PlayerId = Guid.NewGuid().ToString("N"),
            PasswordHash = passwordHash,
            Roles = [AccountRules.PlayerRole],
            CreatedAt = now,
            LastSignInAt = now,
        };
    }

    private AccountResult Succeeded() => new(AccountOutcome.Succeeded, account.State.PlayerId, [.. account.State.Roles]);
}
