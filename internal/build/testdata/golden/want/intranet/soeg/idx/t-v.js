window.labyrintSearch.load("t-v",{"velkom":"AwE men","vis":"F6E er","voksn":"CrCAlL e","vor":"EzJ es","værdi":"ArfD1Q er erne"});
