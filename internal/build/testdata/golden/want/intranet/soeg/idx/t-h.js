window.labyrintSearch.load("t-h",{"handicap":"Dof","hjælp":"CqVAxR er","hver":"Dof","hvornår":"Fra"});
