namespace GameCluster.Grains;

/// <summary>
/// A login identity: <c>device:{deviceId}</c> for a guest account, <c>user:{normalized username}</c> for a
/// username and password account. The account owns the player id it creates on first guest login or on
/// registration, the password hash, and the roles.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs in a guest (key <c>device:{deviceId}</c>): creates the account and its player id on first call,
    /// returns the same player afterwards.
    /// </summary>
    Task<AccountResult> SignInAsGuestAsync();

    /// <summary>
    /// Registers a username account (key <c>user:{normalized username}</c>) with a password of 8 to 128 characters;
    /// <see cref="AccountOutcome.UsernameTaken"/> when the account exists.
    /// </summary>
    Task<AccountResult> RegisterAsync(string password);

    /// <summary>
    /// Signs in a username account; <see cref="AccountOutcome.InvalidCredentials"/> for an unknown account and for a
    /// wrong password alike.
    /// </summary>
    Task<AccountResult> SignInAsync(string password);
}
