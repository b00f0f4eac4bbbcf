//! `accord scenarios`: the scenarios embedded in the binary.

use accord_model::{BUILTIN_SCENARIOS, builtin};

use crate::cli::ScenariosAction;
use crate::output::{CmdResult, Failure, print};

pub fn run(action: Option<ScenariosAction>) -> CmdResult {
    match action.unwrap_or(ScenariosAction::List) {
        ScenariosAction::List => {
            let mut s = String::new();
            for (i, b) in BUILTIN_SCENARIOS.iter().enumerate() {
                let tag = if i == 0 { " (default)" } else { "" };
                s.push_str(&format!("{:<20} {}{tag}\n", b.id, b.title));
            }
            print(&s)
        }
        ScenariosAction::Show { id } => match builtin(&id) {
            Some(b) => print(b.toml),
            None => Err(Failure::BadInput(format!(
                "error: no embedded scenario `{id}`\n   = hint: `accord scenarios` lists them: {}",
                BUILTIN_SCENARIOS
                    .iter()
                    .map(|b| format!("`{}`", b.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        },
    }
}
