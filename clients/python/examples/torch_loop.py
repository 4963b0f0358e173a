"""The plain-loop pattern for PyTorch (or any framework): report after each epoch, stop when told.
Not run in CI; ``train_one_epoch`` and ``evaluate`` are yours.

    for trial in trainer.trials():
        with trial:                                   # an exception fails the trial
            model, optimizer = build(trial.params)
            for epoch in range(1, trial.max_epochs + 1):
                train_one_epoch(model, optimizer)
                if not trial.report(epoch, evaluate(model)):   # False: stop decision, patience...
                    break
            trial.complete()                          # PRUNED if it stopped early, else COMPLETED
"""
