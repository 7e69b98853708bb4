// Imported first by every entry point, before anything from Apollo loads: @apollo/gateway reads this
// variable in its constructor and otherwise exports usage data to Apollo's servers. These machines have
// no internet, and a public credit platform must not send anything out of its network.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
