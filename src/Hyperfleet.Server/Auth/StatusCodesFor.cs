namespace Hyperfleet.Server.Auth;

internal enum StatusCodesFor
{
    Unauthenticated,
    Forbidden,
}
