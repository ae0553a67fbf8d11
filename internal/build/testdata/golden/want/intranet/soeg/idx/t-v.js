window.labyrintSearch.load("t-v",{"velkom":"AvO men","vis":"F5c er","voksn":"CqRAlR e","værdi":"ArPD1R er erne"});
