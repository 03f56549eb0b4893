fn main() -> std::process::ExitCode {
    ribao::cli::run()
}
