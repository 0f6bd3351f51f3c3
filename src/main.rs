fn main() {
    // Like other command-line tools, end quietly when the reader of standard output goes
    // away (`veil rules list | head`), instead of failing to print.
    // SAFETY: restoring the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(veil::cli::main());
}
