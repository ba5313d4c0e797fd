#pragma once
// Hides secrets given on the command line from other users: /proc/<pid>/cmdline (ps, top) shows
// the process's own argv memory, so overwriting it after the arguments have been copied takes
// them out of the process list. There is a window between exec and this call, which is why
// --pw-file and WSMQTT_PASSWORD are the documented ways; mosquitto_pub does not scrub at all.

namespace wsmqtt::cli {

// Overwrites with '*' the values of -P/--pw (also -PVALUE, --pw=VALUE), --key-password and the
// password in user info of any URL argument (scheme://user:password@host). Call once the
// arguments have been copied out of argv. Stops at "--".
void scrub_secret_arguments(int argc, char** argv) noexcept;

}  // namespace wsmqtt::cli
