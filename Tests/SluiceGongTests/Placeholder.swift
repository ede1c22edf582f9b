enum SluiceGongTestsPlaceholder {}
