fn main() -> std::process::ExitCode {
    citydx::cli::main()
}
