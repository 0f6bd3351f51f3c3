fn main() {
    std::process::exit(veil::cli::main());
}
